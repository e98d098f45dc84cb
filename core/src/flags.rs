//! A yes/no flag per question or per rule, kept in one word for rule files of up to 64
//! of them (every real one), so that screening a record allocates nothing for them; a
//! larger file spills the rest into a vector.
//!
//! Pure.

/// Flags for indices `0..len`, all clear at first (one from 64 on past `len` is not
/// kept: it reads as clear).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    word: u64,
    /// Flags 64 and up.
    more: Vec<bool>,
}

impl Flags {
    pub fn new(len: usize) -> Flags {
        Flags {
            word: 0,
            more: vec![false; len.saturating_sub(64)],
        }
    }

    pub fn get(&self, i: usize) -> bool {
        match i.checked_sub(64) {
            None => self.word & (1 << i) != 0,
            Some(i) => self.more.get(i).copied().unwrap_or(false),
        }
    }

    pub fn set(&mut self, i: usize) {
        match i.checked_sub(64) {
            None => self.word |= 1 << i,
            Some(i) => {
                if let Some(flag) = self.more.get_mut(i) {
                    *flag = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_is_its_own_in_the_word_and_past_it() {
        for len in [0, 1, 63, 64, 65, 200] {
            for i in 0..len {
                let mut flags = Flags::new(len);
                flags.set(i);
                let set: Vec<usize> = (0..len + 70).filter(|&j| flags.get(j)).collect();
                assert_eq!(set, [i], "len {len}");
            }
            let mut flags = Flags::new(len);
            flags.set(len.max(64));
            assert!(
                (0..len + 70).all(|j| !flags.get(j)),
                "past the end, len {len}"
            );
        }
    }
}

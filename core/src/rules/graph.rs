//! Small graph algorithms over question references: strongly connected components and a
//! concrete cycle through one of them.
//!
//! Pure and iterative (no recursion), so a large hostile rule file cannot exhaust the
//! stack here.

use std::collections::VecDeque;

/// The strongly connected components of the graph whose node `n` has edges `edges[n]`
/// (Tarjan's algorithm, with an explicit stack). Edges to nodes out of range are ignored.
pub fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, position of the next edge to follow)
        let mut work = vec![(root, 0usize)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(&target) = edges[node].get(*edge) {
                *edge += 1;
                if target >= n {
                    continue;
                }
                if index[target] == usize::MAX {
                    index[target] = next;
                    low[target] = next;
                    next += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components
}

/// A shortest cycle from `start` back to it inside `component` (which must contain
/// `start`): the nodes in order, starting with `start`, without repeating it at the end.
pub fn cycle_through(edges: &[Vec<usize>], component: &[usize], start: usize) -> Vec<usize> {
    let n = edges.len();
    let mut previous = vec![usize::MAX; n];
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &target in edges.get(node).map(Vec::as_slice).unwrap_or(&[]) {
            if target == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    at = previous[at];
                    path.push(at);
                }
                path.reverse();
                return path;
            }
            if target < n && previous[target] == usize::MAX && component.contains(&target) {
                previous[target] = node;
                queue.push_back(target);
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_and_cycles() {
        type Case = (&'static str, Vec<Vec<usize>>, Vec<Vec<usize>>);
        let cases: Vec<Case> = vec![
            ("no edges", vec![vec![], vec![]], vec![vec![0], vec![1]]),
            (
                "chain",
                vec![vec![1], vec![2], vec![]],
                vec![vec![2], vec![1], vec![0]],
            ),
            ("self loop", vec![vec![0]], vec![vec![0]]),
            (
                "two-cycle and a tail",
                vec![vec![1], vec![0, 2], vec![]],
                vec![vec![2], vec![0, 1]],
            ),
            (
                "three-cycle",
                vec![vec![1], vec![2], vec![0]],
                vec![vec![0, 1, 2]],
            ),
            ("edge out of range", vec![vec![7]], vec![vec![0]]),
        ];
        for (name, edges, expected) in cases {
            assert_eq!(strongly_connected(&edges), expected, "{name}");
        }
        let edges = vec![vec![1], vec![2], vec![0]];
        assert_eq!(cycle_through(&edges, &[0, 1, 2], 0), vec![0, 1, 2]);
        assert_eq!(cycle_through(&[vec![0]], &[0], 0), vec![0]);
    }

    #[test]
    fn a_long_chain_does_not_recurse() {
        let edges: Vec<Vec<usize>> = (0..200_000).map(|i| vec![i + 1]).collect();
        assert_eq!(strongly_connected(&edges).len(), 200_000);
    }
}

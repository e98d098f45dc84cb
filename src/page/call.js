// One call into the engine (prescreen-page-engine's raw exports): the request as JSON
// into a buffer the engine allocates, the response out of the buffer it returns
// (`ptr << 32 | len`), both freed. Shared by the page and tests/page/engine.js, which
// runs the page's engine under node through this very function.
function engineCall(engine, request) {
  const input = new TextEncoder().encode(JSON.stringify(request));
  const at = engine.alloc(input.length) >>> 0;
  new Uint8Array(engine.memory.buffer, at, input.length).set(input);
  const packed = engine.call(at, input.length);
  engine.dealloc(at, input.length);
  const out = Number(packed >> 32n) >>> 0;
  const length = Number(packed & 0xffffffffn);
  const text = new TextDecoder().decode(new Uint8Array(engine.memory.buffer, out, length));
  engine.dealloc(out, length);
  return JSON.parse(text);
}

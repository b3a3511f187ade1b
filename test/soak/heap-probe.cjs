// Preloaded into the soak's server process (node --expose-gc --require): every two seconds a full
// garbage collection, then the live heap on stderr. Live heap after a full GC is what a leak raises;
// heap samples without it mostly measure when the collector last ran.
setInterval(() => {
  global.gc();
  process.stderr.write(`heap-probe ${Date.now()} ${process.memoryUsage().heapUsed}\n`);
}, 2000).unref();

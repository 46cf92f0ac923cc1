import KarpenterCLI

// Top-level code would pick the synchronous main(); inside an async function the async one is chosen.
func run() async { await BenchCommand.main() }
await run()

import KarpenterController

func run() async { await ControllerCommand.main() }
await run()

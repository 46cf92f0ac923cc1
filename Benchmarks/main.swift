import KarpenterCLI

BenchCommand.main()

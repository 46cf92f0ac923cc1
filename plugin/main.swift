import KarpenterCLI

KarpenterCommand.main()

// KarpenterController: see the files beside this one.

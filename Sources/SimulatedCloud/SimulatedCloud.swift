// SimulatedCloud: see the files beside this one.

// The in-process Kubernetes API server: see the files beside this one.

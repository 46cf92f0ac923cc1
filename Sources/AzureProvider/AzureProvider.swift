// AzureProvider: see the files beside this one.

// AzureStandIn: see the files beside this one.

// Azure SKUs to instance types, prices, and the Azure cloud provider live here.
public enum KarpenterAzure {}

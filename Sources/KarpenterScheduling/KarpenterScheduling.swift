// Requirements algebra, instance types and the scheduler live here.
public enum KarpenterScheduling {}

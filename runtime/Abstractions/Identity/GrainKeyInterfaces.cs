namespace Commerce.Runtime;

/// <summary>Anything that can be addressed by a <see cref="GrainId"/>: grains and grain references.</summary>
public interface IAddressable;

/// <summary>Marker for grain interfaces. Grain interfaces declare a key kind through one of the derived markers.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain identified by a string key.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain identified by a <see cref="Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain identified by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;

namespace Norma;

/// <summary>Marker for the UI strings in Resources/SharedResource*.resx (neutral = zh-CN, plus en-US).</summary>
public sealed class SharedResource;

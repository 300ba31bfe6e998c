namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>One in-memory source file of a test compilation.</summary>
internal sealed record SourceFile(string Path, string Text);

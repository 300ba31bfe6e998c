using System;
using System.Collections.Immutable;
using System.Linq;
using Commerce.Runtime.CodeGenerator.Analysis;
using Commerce.Runtime.CodeGenerator.Model;

namespace Commerce.Runtime.CodeGenerator.Emit
{
    /// <summary>
    /// Writes the assembly's registration: the one type the runtime looks up (through an assembly
    /// attribute) to learn every proxy and grain factory the assembly contains.
    /// </summary>
    internal static class RegistrationEmitter
    {
        public static string TypeName(string? assemblyName) => "GrainCodeRegistration_" + SymbolNames.Sanitize(assemblyName);

        public static string Emit(string? assemblyName, ImmutableArray<InterfaceRegistration> interfaces, ImmutableArray<GrainClassRegistration> classes)
        {
            var generatedNamespace = SymbolNames.AssemblyNamespace(assemblyName);
            var typeName = TypeName(assemblyName);
            var writer = new CodeWriter();
            GeneratedCode.WriteFileHeader(writer);
            writer.Line($"[assembly: global::Commerce.Runtime.GrainCodeRegistration(typeof(global::{generatedNamespace}.{typeName}))]");
            writer.Line();
            writer.Line($"namespace {generatedNamespace}").Open();
            GeneratedCode.WriteTypeAttributes(writer);
            writer.Line($"internal sealed class {typeName} : global::Commerce.Runtime.IGrainCodeRegistration").Open();
            writer.Line("public void Register(global::Commerce.Runtime.IGrainCodeRegistry registry)").Open();

            // Sorted so that the output does not depend on the order the driver found the declarations in.
            foreach (var proxy in interfaces.OrderBy(i => i.InterfaceType, StringComparer.Ordinal))
            {
                writer.Line("registry.AddInterface(").Indent();
                writer.Line($"typeof({proxy.InterfaceType}),");
                writer.Line($"static (runtime, grainId) => new {proxy.ProxyType}(runtime, grainId),");
                writer.Line($"{proxy.ProxyType}.CreateRequestFactories());").Outdent();
            }

            foreach (var grainClass in classes.OrderBy(c => c.ClassType, StringComparer.Ordinal))
            {
                writer.Line($"registry.AddGrainClass(typeof({grainClass.ClassType}), {grainClass.FactoryType}.Create);");
            }

            writer.Close();
            writer.Close();
            writer.Close();
            return writer.ToString();
        }
    }
}

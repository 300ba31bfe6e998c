using System.Linq;
using Commerce.Runtime.CodeGenerator.Model;

namespace Commerce.Runtime.CodeGenerator.Emit
{
    /// <summary>
    /// Writes a grain interface's proxy: a GrainReference that turns each call into a request object,
    /// with the request classes nested inside it, one per method.
    /// </summary>
    internal static class ProxyEmitter
    {
        private const string Tasks = "global::System.Threading.Tasks";
        private const string RequestOptions = "global::Commerce.Runtime.RequestOptions";
        private const string RequestFactoryArray = "global::System.Func<global::Commerce.Runtime.Request>[]";
        private const string ArgumentWriter = "global::Commerce.Runtime.Serialization.IArgumentWriter";
        private const string ArgumentReader = "global::Commerce.Runtime.Serialization.IArgumentReader";

        public static string Emit(GrainInterfaceModel model)
        {
            var writer = new CodeWriter();
            GeneratedCode.WriteFileHeader(writer);
            writer.Line($"namespace {model.GeneratedNamespace}").Open();
            GeneratedCode.WriteTypeAttributes(writer);
            writer.Line($"internal sealed class {model.ProxyName} : global::Commerce.Runtime.GrainReference, {model.InterfaceType}").Open();

            writer.Line($"public {model.ProxyName}(global::Commerce.Runtime.IGrainReferenceRuntime runtime, global::Commerce.Runtime.GrainId grainId)");
            writer.Indent().Line(": base(runtime, grainId)").Outdent();
            writer.Open().Close();

            writer.Line();
            writer.Line("/// <summary>A factory for each method's request, indexed by method id.</summary>");
            writer.Line($"public static {RequestFactoryArray} CreateRequestFactories() => new {RequestFactoryArray}");
            writer.Open();
            foreach (var method in model.Methods)
            {
                writer.Line($"static () => new {method.RequestName}(),");
            }

            writer.Close(";");

            foreach (var method in model.Methods)
            {
                writer.Line();
                WriteProxyMethod(writer, method);
            }

            foreach (var method in model.Methods)
            {
                writer.Line();
                WriteRequestClass(writer, method);
            }

            writer.Close();
            writer.Close();
            return writer.ToString();
        }

        private static void WriteProxyMethod(CodeWriter writer, GrainMethodModel method)
        {
            var parameters = string.Join(", ", method.Parameters.Select(p => $"{p.Type} {p.Name}"));
            writer.Line($"{method.ReturnType} {method.InterfaceType}.{method.Name}({parameters})").Open();

            var request = UnusedName("request", method);
            var initializer = method.Parameters.Count == 0
                ? "()"
                : " { " + string.Join(", ", method.Parameters.Select((p, i) => $"Arg{i} = {p.Name}")) + " }";
            writer.Line($"var {request} = new {method.RequestName}{initializer};");

            if (method.IsOneWay)
            {
                writer.Line($"InvokeOneWay({request});");
                writer.Line(method.ReturnKind == MethodReturnKind.Task ? $"return {Tasks}.Task.CompletedTask;" : "return default;");
            }
            else
            {
                // A Task<VoidResult> is a Task, so Task-returning methods need no adapter.
                writer.Line(method.ReturnKind switch
                {
                    MethodReturnKind.ValueTask => $"return new {Tasks}.ValueTask(InvokeAsync({request}));",
                    MethodReturnKind.ValueTaskOfT => $"return new {Tasks}.ValueTask<{method.ResultType}>(InvokeAsync({request}));",
                    _ => $"return InvokeAsync({request});",
                });
            }

            writer.Close();
        }

        private static void WriteRequestClass(CodeWriter writer, GrainMethodModel method)
        {
            GeneratedCode.WriteTypeAttributes(writer);
            writer.Line($"public sealed class {method.RequestName} : global::Commerce.Runtime.Request<{method.ResultType}>").Open();

            for (var i = 0; i < method.Parameters.Count; i++)
            {
                var parameter = method.Parameters[i];
                writer.Line(parameter.IsNonNullableReference ? $"public {parameter.Type} Arg{i} = default!;" : $"public {parameter.Type} Arg{i};");
            }

            if (method.Parameters.Count > 0) writer.Line();
            writer.Line($"public override string MethodName => \"{method.MethodName}\";");
            writer.Line();
            writer.Line($"public override global::System.Type InterfaceType => typeof({method.TableInterfaceTypeOf});");
            writer.Line();
            writer.Line($"public override int MethodId => {method.MethodId};");

            if (method.Options.Count > 0)
            {
                writer.Line();
                writer.Line($"public override {RequestOptions} Options => {string.Join(" | ", method.Options.Select(o => $"{RequestOptions}.{o}"))};");
            }

            if (method.Parameters.Count > 0)
            {
                WriteArgumentAccess(writer, method);
                WriteArgumentSerialization(writer, method);
            }

            writer.Line();
            writer.Line($"protected override {Tasks}.ValueTask<{method.ResultType}> InvokeInner(object grain) =>");
            var arguments = string.Join(", ", method.Parameters.Select((p, i) => StaticallyBound(p, $"Arg{i}")));
            var call = $"(({method.InterfaceType})grain).{method.Name}({arguments})";
            writer.Indent().Line(method.ReturnKind switch
            {
                MethodReturnKind.TaskOfT => $"new {Tasks}.ValueTask<{method.ResultType}>({call});",
                MethodReturnKind.ValueTaskOfT => call + ";",
                _ => $"global::Commerce.Runtime.VoidResult.From({call});",
            }).Outdent();

            writer.Close();
        }

        private static void WriteArgumentAccess(CodeWriter writer, GrainMethodModel method)
        {
            writer.Line();
            writer.Line($"public override int ArgumentCount => {method.Parameters.Count};");

            writer.Line();
            writer.Line("public override object? GetArgument(int index)").Open();
            writer.Line("switch (index)").Open();
            for (var i = 0; i < method.Parameters.Count; i++)
            {
                writer.Line($"case {i}: return Arg{i};");
            }

            writer.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(index));");
            writer.Close();
            writer.Close();

            writer.Line();
            writer.Line("public override void SetArgument(int index, object? value)").Open();
            writer.Line("switch (index)").Open();
            for (var i = 0; i < method.Parameters.Count; i++)
            {
                writer.Line($"case {i}: Arg{i} = ({method.Parameters[i].Type})value!; break;");
            }

            writer.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(index));");
            writer.Close();
            writer.Close();
        }

        /// <summary>
        /// Writes and reads each argument with its declared type as the explicit type argument, so the
        /// wire format follows the signature rather than the runtime type of the value.
        /// </summary>
        private static void WriteArgumentSerialization(CodeWriter writer, GrainMethodModel method)
        {
            writer.Line();
            writer.Line($"public override void WriteArguments({ArgumentWriter} writer)").Open();
            for (var i = 0; i < method.Parameters.Count; i++)
            {
                writer.Line($"writer.Write<{method.Parameters[i].Type}>({StaticallyBound(method.Parameters[i], $"Arg{i}")});");
            }

            writer.Close();

            writer.Line();
            writer.Line($"public override void ReadArguments({ArgumentReader} reader)").Open();
            for (var i = 0; i < method.Parameters.Count; i++)
            {
                writer.Line($"Arg{i} = reader.Read<{method.Parameters[i].Type}>();");
            }

            writer.Close();
        }

        /// <summary>
        /// The argument as an expression that keeps the call statically bound: a <c>dynamic</c> argument
        /// would turn the call into a run-time binder call site (and need Microsoft.CSharp), so it is
        /// passed as <c>object</c>, which is the same type to the CLR.
        /// </summary>
        private static string StaticallyBound(GrainParameterModel parameter, string expression) =>
            !parameter.IsDynamic ? expression
            : parameter.IsNonNullableReference ? $"(object){expression}"
            : $"(object?){expression}";

        /// <summary>A local variable name that no parameter of the method already uses.</summary>
        private static string UnusedName(string name, GrainMethodModel method)
        {
            while (method.Parameters.Any(p => p.Name.TrimStart('@') == name)) name += "_";
            return name;
        }
    }
}

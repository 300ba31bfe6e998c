using System.Linq;
using Commerce.Runtime.CodeGenerator.Model;

namespace Commerce.Runtime.CodeGenerator.Emit
{
    /// <summary>Writes a grain class's factory: its constructor called with services and persistent states from the grain context.</summary>
    internal static class GrainFactoryEmitter
    {
        public static string Emit(GrainClassModel model)
        {
            var writer = new CodeWriter();
            GeneratedCode.WriteFileHeader(writer);
            writer.Line($"namespace {model.GeneratedNamespace}").Open();
            GeneratedCode.WriteTypeAttributes(writer);
            writer.Line($"internal static class {model.FactoryName}").Open();

            writer.Line("public static object Create(global::Commerce.Runtime.IGrainContext context) =>");
            writer.Indent();
            if (model.Arguments.Count == 0)
            {
                writer.Line($"new {model.ClassType}();");
            }
            else
            {
                writer.Line($"new {model.ClassType}(").Indent();
                var arguments = model.Arguments.Select(Argument).ToList();
                for (var i = 0; i < arguments.Count; i++)
                {
                    writer.Line(arguments[i] + (i == arguments.Count - 1 ? ");" : ","));
                }

                writer.Outdent();
            }

            writer.Outdent();
            writer.Close();
            writer.Close();
            return writer.ToString();
        }

        private static string Argument(ConstructorArgumentModel argument) => argument.Kind switch
        {
            ConstructorArgumentKind.PersistentState => $"context.GetPersistentState<{argument.Type}>({argument.StateName}, {argument.StorageName})",
            _ => $"({argument.Type})context.GetRequiredService(typeof({argument.TypeOfType}))",
        };
    }
}

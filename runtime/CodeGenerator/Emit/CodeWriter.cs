using System.Text;

namespace Commerce.Runtime.CodeGenerator.Emit
{
    /// <summary>Builds indented C# source text, one line at a time.</summary>
    internal sealed class CodeWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _builder = new();
        private int _indent;

        public CodeWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                for (var i = 0; i < _indent; i++) _builder.Append(IndentUnit);
                _builder.Append(text);
            }

            _builder.Append('\n');
            return this;
        }

        /// <summary>Writes an opening brace and indents what follows.</summary>
        public CodeWriter Open()
        {
            Line("{");
            _indent++;
            return this;
        }

        /// <summary>Closes the innermost brace; <paramref name="suffix"/> follows it, e.g. <c>;</c>.</summary>
        public CodeWriter Close(string suffix = "")
        {
            _indent--;
            return Line("}" + suffix);
        }

        public CodeWriter Indent()
        {
            _indent++;
            return this;
        }

        public CodeWriter Outdent()
        {
            _indent--;
            return this;
        }

        public override string ToString() => _builder.ToString();
    }
}

using System.Text;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// Builds the small XML documents of Bulk API 1.0 by string building: Salesforce's exact layout (declaration
/// directly followed by the root, namespace on its own line, one-space indentation), which XmlWriter cannot produce.
/// </summary>
internal static class XmlText
{
    /// <summary>Appends <c>&lt;?xml …?&gt;&lt;root\n   xmlns="…"&gt;</c>.</summary>
    public static StringBuilder OpenRoot(this StringBuilder sb, string root) =>
        sb.Append(Wire.XmlDeclaration).Append('<').Append(root).Append("\n   xmlns=\"").Append(Wire.Namespace).Append("\">");

    /// <summary>Appends <c>\n{indent}&lt;name&gt;escaped value&lt;/name&gt;</c>.</summary>
    public static StringBuilder Element(this StringBuilder sb, string indent, string name, string value)
    {
        sb.Append('\n').Append(indent).Append('<').Append(name).Append('>');
        AppendEscaped(sb, value);
        return sb.Append("</").Append(name).Append('>');
    }

    /// <summary>Appends an element whose value is a number.</summary>
    public static StringBuilder Element(this StringBuilder sb, string indent, string name, long value)
    {
        sb.Append('\n').Append(indent).Append('<').Append(name).Append('>');
        sb.Append(value);
        return sb.Append("</").Append(name).Append('>');
    }

    /// <summary>Appends element text with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped (quotes need none in text).</summary>
    public static void AppendEscaped(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                default:
                    if (c < ' ' && c is not '\n' and not '\r' and not '\t')
                    {
                        continue;
                    }

                    sb.Append(c);
                    break;
            }
        }
    }
}

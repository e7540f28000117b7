using Spectre.Console;

namespace Skn.Cli.Output;

/// <summary>Spectre tables with plain-text cells: values come from the node and from users, so they are never read as markup.</summary>
internal static class Tables
{
    /// <summary>A table with these column headers.</summary>
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)).NoWrap());
        }

        return table;
    }

    /// <summary>Adds a row of plain-text cells.</summary>
    public static void AddTextRow(this Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)).ToArray());
}

namespace Skn.Store.Sqlite.Internal.Migrations;

/// <summary>
/// One forward step of the store's schema: the SQL that turns version <c>Version - 1</c> into
/// <see cref="Version"/>. Steps are never edited once released, because stores in the field were
/// written by them; a change is a new step.
/// </summary>
/// <param name="Version">The schema version this step produces.</param>
/// <param name="Description">What the step changes, for the log.</param>
/// <param name="Sql">The statements, run in the same transaction as every other pending step.</param>
internal sealed record SchemaMigration(int Version, string Description, string Sql);

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuickImport.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FieldNamesUniqueWhateverTheirCase : Migration
    {
        // Field names unique within a database whatever their case: the unique index moves from the name
        // to its lowercase. A database that already holds two names differing in case only (F_INT beside
        // f_int) stops this migration; rename or drop one of them first.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_custom_fields_database_id_name",
                table: "custom_fields");

            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "custom_fields",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                computedColumnSql: "lower(name)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_custom_fields_database_id_name_key",
                table: "custom_fields",
                columns: new[] { "database_id", "name_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_custom_fields_database_id_name_key",
                table: "custom_fields");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "custom_fields");

            migrationBuilder.CreateIndex(
                name: "ix_custom_fields_database_id_name",
                table: "custom_fields",
                columns: new[] { "database_id", "name" },
                unique: true);
        }
    }
}

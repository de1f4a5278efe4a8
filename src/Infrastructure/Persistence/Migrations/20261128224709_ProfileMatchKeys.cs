using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuickImport.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProfileMatchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_profiles_fields",
                table: "profiles");

            migrationBuilder.AddColumn<string[]>(
                name: "match_keys",
                table: "profiles",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_match_keys",
                table: "profiles",
                column: "match_keys")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_profiles_match_keys",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "match_keys",
                table: "profiles");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_fields",
                table: "profiles",
                column: "fields")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });
        }
    }
}

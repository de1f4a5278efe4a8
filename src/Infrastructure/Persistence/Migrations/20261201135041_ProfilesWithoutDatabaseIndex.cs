using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuickImport.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProfilesWithoutDatabaseIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_profiles_databases_database_id",
                table: "profiles");

            migrationBuilder.DropIndex(
                name: "ix_profiles_database_id",
                table: "profiles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_profiles_database_id",
                table: "profiles",
                column: "database_id");

            migrationBuilder.AddForeignKey(
                name: "fk_profiles_databases_database_id",
                table: "profiles",
                column: "database_id",
                principalTable: "profile_databases",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

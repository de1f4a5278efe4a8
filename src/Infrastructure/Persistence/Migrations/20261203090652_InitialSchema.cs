using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QuickImport.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    profile_limit = table.Column<int>(type: "integer", nullable: true),
                    tariff_exceeded = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                    table.CheckConstraint("ck_accounts_profile_limit", "profile_limit >= 0");
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    database_id = table.Column<int>(type: "integer", nullable: false),
                    email = table.Column<string>(type: "text", nullable: true),
                    phones = table.Column<string[]>(type: "text[]", nullable: false, defaultValueSql: "'{}'"),
                    fields = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    // Last, where the pre-release migrations had added it: the squash leaves the table as it was.
                    match_keys = table.Column<string[]>(type: "text[]", nullable: false, defaultValueSql: "'{}'")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_profiles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "profile_databases",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_profile_databases", x => x.id);
                    table.ForeignKey(
                        name: "fk_profile_databases_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tariff_stripes",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    stripe = table.Column<short>(type: "smallint", nullable: false),
                    remaining = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tariff_stripes", x => new { x.account_id, x.stripe });
                    table.CheckConstraint("ck_tariff_stripes_remaining", "remaining >= 0");
                    table.ForeignKey(
                        name: "fk_tariff_stripes_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "profile_unique_values",
                columns: table => new
                {
                    database_id = table.Column<int>(type: "integer", nullable: false),
                    field_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value_key = table.Column<string>(type: "text", nullable: false),
                    profile_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_profile_unique_values", x => new { x.database_id, x.field_name, x.value_key });
                    table.ForeignKey(
                        name: "fk_profile_unique_values_profiles_profile_id",
                        column: x => x.profile_id,
                        principalTable: "profiles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "automations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    database_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automations", x => x.id);
                    table.ForeignKey(
                        name: "fk_automations_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_automations_databases_database_id",
                        column: x => x.database_id,
                        principalTable: "profile_databases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "custom_fields",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    database_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, computedColumnSql: "lower(name)", stored: true),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_unique = table.Column<bool>(type: "boolean", nullable: false),
                    is_required = table.Column<bool>(type: "boolean", nullable: false),
                    options = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_fields", x => x.id);
                    table.ForeignKey(
                        name: "fk_custom_fields_profile_databases_database_id",
                        column: x => x.database_id,
                        principalTable: "profile_databases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    database_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channels = table.Column<string[]>(type: "text[]", nullable: false),
                    double_opt_in = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resources", x => x.id);
                    table.ForeignKey(
                        name: "fk_resources_profile_databases_database_id",
                        column: x => x.database_id,
                        principalTable: "profile_databases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "automation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    automation_id = table.Column<int>(type: "integer", nullable: false),
                    profile_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_automation_runs_automations_automation_id",
                        column: x => x.automation_id,
                        principalTable: "automations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_automation_runs_profiles_profile_id",
                        column: x => x.profile_id,
                        principalTable: "profiles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    database_id = table.Column<int>(type: "integer", nullable: false),
                    profile_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    resource_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    contact = table.Column<string>(type: "text", nullable: false),
                    contact_key = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscriptions_profiles_profile_id",
                        column: x => x.profile_id,
                        principalTable: "profiles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_subscriptions_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_account_id",
                table: "api_tokens",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_secret_hash",
                table: "api_tokens",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_automation_runs_automation_id_id",
                table: "automation_runs",
                columns: new[] { "automation_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_automation_runs_profile_id",
                table: "automation_runs",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_automations_account_id",
                table: "automations",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_automations_database_id",
                table: "automations",
                column: "database_id");

            migrationBuilder.CreateIndex(
                name: "ix_custom_fields_database_id_name_key",
                table: "custom_fields",
                columns: new[] { "database_id", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_profile_databases_account_id",
                table: "profile_databases",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_profile_unique_values_profile_id",
                table: "profile_unique_values",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_match_keys",
                table: "profiles",
                column: "match_keys")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:StorageParameter:fastupdate", false);

            migrationBuilder.CreateIndex(
                name: "ix_profiles_phones",
                table: "profiles",
                column: "phones")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:StorageParameter:fastupdate", false);

            migrationBuilder.CreateIndex(
                name: "ix_resources_database_id",
                table: "resources",
                column: "database_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_database_id_channel_contact_key",
                table: "subscriptions",
                columns: new[] { "database_id", "channel", "contact_key" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_profile_id_resource_id_channel_contact_key",
                table: "subscriptions",
                columns: new[] { "profile_id", "resource_id", "channel", "contact_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_resource_id",
                table: "subscriptions",
                column: "resource_id");

            // Raised by the import's claim of its unique values when one was taken meanwhile: an error
            // rather than a row, so the claim can travel with the COMMIT and stop it (ADR 31). The field
            // is the error's column, the holder (when the claim's snapshot sees it) its detail.
            migrationBuilder.Sql("""
                CREATE FUNCTION quickimport_unique_value_taken(field_name text, holder text) RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the value of % is held by another profile', field_name
                        USING ERRCODE = 'QI435', COLUMN = field_name, DETAIL = coalesce(holder, '');
                END
                $$;
                """);

            // The deduplication keys (ADR 40): partitioned by the time of the claim, so whole slices past the
            // window are dropped instead of rows deleted; the slices are made ahead by the service
            // (DeduplicationSlices), the default partition only catches claims no slice covers. The
            // key's hash index finds it in each live slice, its buckets filled before they split (random
            // keys spread evenly): 31–39 bytes a key, against 41–45 for a B-tree. No index is unique
            // across slices, so the claims of one key are serialised by its advisory lock instead.
            migrationBuilder.Sql("""
                CREATE TABLE request_deduplication (
                    key uuid NOT NULL,
                    claimed_at timestamp with time zone NOT NULL,
                    status smallint,
                    created boolean NOT NULL DEFAULT false,
                    profile_id bytea,
                    details bytea
                ) PARTITION BY RANGE (claimed_at);
                CREATE INDEX ix_request_deduplication_key ON request_deduplication USING hash (key) WITH (fillfactor = 100);
                CREATE TABLE request_deduplication_default PARTITION OF request_deduplication DEFAULT;
                """);

            // Raised by an import's claim of its deduplication key, inside the import's transaction, when an
            // identical request holds the key: an error rather than a row, so the claim can travel with the
            // COMMIT and stop the transaction (ADR 33). It returns boolean to stand in the claim's WHERE,
            // but never returns.
            migrationBuilder.Sql("""
                CREATE FUNCTION quickimport_request_key_taken() RETURNS boolean
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'an identical request holds the deduplication key' USING ERRCODE = 'QIDUP';
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION quickimport_request_key_taken();");
            migrationBuilder.Sql("DROP TABLE request_deduplication;");
            migrationBuilder.Sql("DROP FUNCTION quickimport_unique_value_taken(text, text);");

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "automation_runs");

            migrationBuilder.DropTable(
                name: "custom_fields");

            migrationBuilder.DropTable(
                name: "profile_unique_values");

            migrationBuilder.DropTable(
                name: "subscriptions");

            migrationBuilder.DropTable(
                name: "tariff_stripes");

            migrationBuilder.DropTable(
                name: "automations");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "resources");

            migrationBuilder.DropTable(
                name: "profile_databases");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}

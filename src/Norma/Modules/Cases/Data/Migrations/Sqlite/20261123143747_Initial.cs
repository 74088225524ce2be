using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Norma.Modules.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ItemName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Handling = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    ExternalNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CallerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CallerPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    IsPaused = table.Column<bool>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Charge = table.Column<int>(type: "INTEGER", nullable: true),
                    FeeFen = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoiceRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProcessVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcessActive = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProcessDone = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ProcessOutcome = table.Column<int>(type: "INTEGER", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConfirmationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    HasSignature = table.Column<bool>(type: "INTEGER", nullable: false),
                    MergedIntoId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DispatchedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ArrivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClockFlag = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_idempotency",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_idempotency", x => new { x.AccountId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "case_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OtherCaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_saved_views",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_saved_views", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_sequences",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_sequences", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "case_clocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    Milestone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Limit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WarnAtPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    CalendarId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CalendarVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WarnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MetAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    WarnedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BreachedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalationLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    NextCheckAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_clocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_clocks_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_escalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseCommitmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TargetIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TargetNames = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_escalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_escalations_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    ToStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Data = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_events_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_extensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Limit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CustomerNotice = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_extensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_extensions_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    IsSignature = table.Column<bool>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_files_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_goods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Article = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    InAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    InBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OutAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OutBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_goods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_goods_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_pauses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    From = table.Column<DateTime>(type: "TEXT", nullable: false),
                    To = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NotifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_pauses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_pauses_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActivatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Values = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SignOffs = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_steps_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_transfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ToAccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToAccountName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ToUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToUnitName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_transfers_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_work",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WorkDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Charge = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Parts = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FeeFen = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_work", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_work_case_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "case_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_AssigneeId_CreatedAt",
                table: "case_cases",
                columns: new[] { "AssigneeId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_CallerPhone",
                table: "case_cases",
                column: "CallerPhone");

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_CreatedAt_Id",
                table: "case_cases",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_CustomerId",
                table: "case_cases",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_ExternalNumber",
                table: "case_cases",
                column: "ExternalNumber");

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_ItemId_CreatedAt",
                table: "case_cases",
                columns: new[] { "ItemId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_NextDueAt_Id",
                table: "case_cases",
                columns: new[] { "NextDueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_Number",
                table: "case_cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_OwnerId_CreatedAt",
                table: "case_cases",
                columns: new[] { "OwnerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_Status_CreatedAt_Id",
                table: "case_cases",
                columns: new[] { "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_UnitId_CreatedAt_Id",
                table: "case_cases",
                columns: new[] { "UnitId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_case_clocks_CaseId",
                table: "case_clocks",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_clocks_NextCheckAt",
                table: "case_clocks",
                column: "NextCheckAt");

            migrationBuilder.CreateIndex(
                name: "IX_case_escalations_At",
                table: "case_escalations",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_case_escalations_CaseCommitmentId_Level",
                table: "case_escalations",
                columns: new[] { "CaseCommitmentId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_escalations_CaseId_At",
                table: "case_escalations",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_CaseId_At",
                table: "case_events",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_case_extensions_CaseId",
                table: "case_extensions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_extensions_Status",
                table: "case_extensions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_case_files_CaseId",
                table: "case_files",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_goods_CaseId",
                table: "case_goods",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_idempotency_CreatedAt",
                table: "case_idempotency",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_case_links_CaseId_OtherCaseId",
                table: "case_links",
                columns: new[] { "CaseId", "OtherCaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_links_OtherCaseId",
                table: "case_links",
                column: "OtherCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_pauses_CaseId",
                table: "case_pauses",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_saved_views_AccountId_Name",
                table: "case_saved_views",
                columns: new[] { "AccountId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_steps_CaseId",
                table: "case_steps",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_steps_DueAt",
                table: "case_steps",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_case_transfers_CaseId",
                table: "case_transfers",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_transfers_Status_ToAccountId",
                table: "case_transfers",
                columns: new[] { "Status", "ToAccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_case_transfers_Status_ToUnitId",
                table: "case_transfers",
                columns: new[] { "Status", "ToUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_case_work_CaseId",
                table: "case_work",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_work_WorkDate_AccountId",
                table: "case_work",
                columns: new[] { "WorkDate", "AccountId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_clocks");

            migrationBuilder.DropTable(
                name: "case_escalations");

            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "case_extensions");

            migrationBuilder.DropTable(
                name: "case_files");

            migrationBuilder.DropTable(
                name: "case_goods");

            migrationBuilder.DropTable(
                name: "case_idempotency");

            migrationBuilder.DropTable(
                name: "case_links");

            migrationBuilder.DropTable(
                name: "case_pauses");

            migrationBuilder.DropTable(
                name: "case_saved_views");

            migrationBuilder.DropTable(
                name: "case_sequences");

            migrationBuilder.DropTable(
                name: "case_steps");

            migrationBuilder.DropTable(
                name: "case_transfers");

            migrationBuilder.DropTable(
                name: "case_work");

            migrationBuilder.DropTable(
                name: "case_cases");
        }
    }
}

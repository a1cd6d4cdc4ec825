import FluentKit

/// The one ordered list of migrations, shared by the server, the CLI and the tests.
/// Append only: a migration that shipped is never edited or reordered.
public enum ConveneMigrations {
    public static let all: [any Migration] = [
        M001_CreateDirectory(),
        M002_CreateCases(),
        M003_CreateRequests(),
        M004_CreateMeetings(),
        M005_CreateMinutes(),
        M006_CreateCalendar(),
        M007_CreateAccess(),
        M008_CreateSectionVersions(),
        M009_CreateCaseClocks(),
        M010_IndexWhoHasARole(),
        M011_IndexRunningClocksByCase(),
        M012_CoverTeamClocks(),
        M013_IndexMeetingsByTeam(),
        M014_CreatePersonReleases(),
        M015_RecordWhoRecorded(),
        M016_ReferencesUniqueInOrganisation(),
        M017_AddVersions(),
        M018_ClocksStartOnSubmission(),
        M019_AddSessionFlash(),
        M020_PeopleCanChange(),
        M021_CreateIdempotentRequests(),
        M022_CreateActionChanges(),
        M023_CreateEscalations(),
        M024_RecordAfterTheEvent(),
        M025_RecordLateBookings(),
        M026_AgreeChangesSignedIn(),
        M027_ActionsDueSoonAWorkingDayAhead(),
        M028_RecordLateMoves(),
        M029_CreateOutbox(),
        M030_IndexRunningClocks(),
    ]
}

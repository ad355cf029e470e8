namespace Serverless.Workflows.Calendar;

/// <summary>When the department is reminded, and when its decision is due (the SLA).</summary>
public sealed record DepartmentDeadlines(DateTimeOffset RemindAt, DateTimeOffset DueAt);

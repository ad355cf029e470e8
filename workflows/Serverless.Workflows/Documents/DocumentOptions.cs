using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Documents;

/// <summary>
/// Where large applications (claim check) and evidence files are kept: a Blob Storage container on the
/// <see cref="ConnectionNames.DepartmentQueues"/> account, the account departments already reach.
/// </summary>
[SettingsSection("Documents")]
public sealed class DocumentOptions
{
    public string Container { get; set; } = "case-documents";

    /// <summary>
    /// How long a read link handed to a department works. It must outlive the message's wait on the queue, and it
    /// cannot pass 7 days (the longest a user delegation key is valid).
    /// </summary>
    public TimeSpan ReadLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long an uploaded evidence file waits to be attached to an application; the retention sweep deletes it after.
    /// </summary>
    public TimeSpan UnattachedEvidenceLifetime { get; set; } = TimeSpan.FromDays(1);
}

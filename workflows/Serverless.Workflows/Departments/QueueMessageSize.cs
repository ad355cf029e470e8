using System.Text;

namespace Serverless.Workflows.Departments;

/// <summary>
/// What fits on an Azure Storage queue: at most 64 KiB of message text, counted as UTF-8 bytes (Azure and Azurite
/// both refuse more). Messages are measured as <see cref="CloudEvent.ToJson"/> encodes them, which is what is sent.
/// </summary>
public static class QueueMessageSize
{
    public const int MaxBytes = 64 * 1024;

    public static int Of(CloudEvent message) => Encoding.UTF8.GetByteCount(message.ToJson());

    public static bool Fits(CloudEvent message) => Of(message) <= MaxBytes;
}

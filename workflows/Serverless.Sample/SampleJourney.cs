using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Serverless.Workflows.Departments;

namespace Serverless.Sample;

/// <summary>Drives one application through its whole journey, printing each milestone as it happens.</summary>
public sealed class SampleJourney(SampleCitizen citizen, SampleDepartment department, TextWriter output)
{
    public async Task<TimeSpan> RunAsync(string serviceId, JsonObject application, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await citizen.SignInAsync("P2", cancellationToken).ConfigureAwait(false);
        Say(clock, "citizen signed in with the One Login sandbox (P2)");

        var submitted = await citizen.ApplyAsync(serviceId, application, cancellationToken).ConfigureAwait(false);
        var caseId = (string)submitted["case_id"]!;
        Say(clock, $"application accepted: case {caseId}, reference {submitted["reference"]}");

        var seen = 0;
        var paid = false;
        var decided = false;
        while (true)
        {
            var current = await citizen.ReadCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
            var timeline = current["timeline"]!.AsArray();
            for (; seen < timeline.Count; seen++)
                Say(clock, $"milestone: {timeline[seen]!["milestone"]} (by {timeline[seen]!["actor"]})");

            var status = (string)current["status"]!;
            if (status == "awaiting_payment" && !paid && current["payment"]?["next_url"] is { } nextUrl)
            {
                Say(clock, $"citizen pays £{(int)current["payment"]!["amount_pence"]! / 100m:0.00} at {nextUrl}");
                await citizen.PayAsync(new Uri((string)nextUrl!), cancellationToken).ConfigureAwait(false);
                paid = true;
            }
            else if (status == "with_department" && !decided)
            {
                var handoff = await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                var received = await SampleDepartment.ReadApplicationAsync(handoff, cancellationToken).ConfigureAwait(false);
                Say(clock, $"department received {handoff["type"]} with {received.Count} sections of structured data; due {handoff["data"]!["due_at"]}");
                await department.DecideAsync(caseId, DecisionOutcomes.Approved, "Your licence has been issued.", cancellationToken).ConfigureAwait(false);
                Say(clock, "department put its decision on the decisions queue: approved");
                decided = true;
            }
            else if (status is "approved" or "rejected" or "closed")
            {
                // The decision's notification follows the decision onto the case by a moment.
                var notifications = await citizen.NotificationsAsync(caseId, cancellationToken).ConfigureAwait(false);
                if (!notifications.Any(n => ((string?)n!["reference"])?.EndsWith(":" + status, StringComparison.Ordinal) == true))
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                foreach (var message in notifications)
                    Say(clock, $"notification sent by {message!["channel"]}: {message["reference"]}");
                Say(clock, $"journey finished: {status}");
                return clock.Elapsed;
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Say(Stopwatch clock, string text) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.00}s] {text}"));
}

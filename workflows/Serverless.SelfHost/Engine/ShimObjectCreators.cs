using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Serverless.SelfHost.Engine;

/// <summary>Builds the DurableTask.Core orchestration for a Microsoft.DurableTask orchestrator class, fresh per episode.</summary>
public sealed class ShimOrchestrationCreator(string name, Func<ITaskOrchestrator> create, DurableTaskShimFactory shims) : ObjectCreator<TaskOrchestration>
{
    public ShimOrchestrationCreator Init()
    {
        Name = name;
        Version = "";
        return this;
    }

    public override TaskOrchestration Create() => shims.CreateOrchestration(new TaskName(name), create(), parent: null);
}

/// <summary>Builds the DurableTask.Core activity for an activity class, resolved from the host's services (constructor injection).</summary>
public sealed class ShimActivityCreator(string name, Func<ITaskActivity> create, DurableTaskShimFactory shims) : ObjectCreator<DurableTask.Core.TaskActivity>
{
    public ShimActivityCreator Init()
    {
        Name = name;
        Version = "";
        return this;
    }

    public override DurableTask.Core.TaskActivity Create() => shims.CreateActivity(new TaskName(name), create());
}

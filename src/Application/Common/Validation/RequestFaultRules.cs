using FluentValidation;
using QuickImport.Application.Common.Requests;

namespace QuickImport.Application.Common.Validation;

/// <summary>The rule for what the edge found wrong with a request's shape: each fault refuses it, in order.</summary>
public static class RequestFaultRules
{
    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<RequestFault>> Refused<T>(this IRuleBuilderInitial<T, IReadOnlyList<RequestFault>> rule) =>
        rule.Custom((faults, context) =>
        {
            foreach (var fault in faults)
            {
                context.AddFailure(fault.Parameter, fault.Message);
            }
        });
}

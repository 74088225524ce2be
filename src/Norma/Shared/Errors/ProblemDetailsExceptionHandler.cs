using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Norma.Shared.Errors;

/// <summary>Turns the kernel's exceptions into RFC 7807 problem details; anything else is a 500 without internals.</summary>
internal sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    IStringLocalizer<SharedResource> text,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already rewritten Request.Path to the error page; the feature keeps the original.
        var path = new PathString(httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path);
        if (!path.StartsWithSegments("/api"))
        {
            // Pages re-execute the error page (see UsePlatform); only the API answers with problem details.
            return false;
        }

        ProblemDetails problem = exception switch
        {
            ValidationFailedException v => new ValidationProblemDetails(v.Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = text["Problem.Validation"],
            },
            BadHttpRequestException b => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = text["Problem.BadRequest"],
                Detail = b.Message,
            },
            NotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = text["Problem.NotFound"], Detail = n.Message },
            ForbiddenException f => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = text["Problem.Forbidden"], Detail = f.Message },
            BusinessRuleException r => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = text["Problem.Rule"], Detail = r.Message },
            ConcurrencyConflictException c => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = text["Problem.Concurrency"], Detail = c.Message },
            UnprocessableException u => new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Title = text["Problem.Unprocessable"], Detail = u.Message },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = text["Problem.Unexpected"] },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}

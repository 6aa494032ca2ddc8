using System.Diagnostics;
using System.Net;

namespace SfBulk.Tests.Fuzzing;

/// <summary>Feeds mutated documents to every parser and records anything that is neither a result nor a proper refusal.</summary>
internal sealed class FuzzRun
{
    private static readonly HttpStatusCode[] Statuses = [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable];

    public long Documents { get; private set; }

    public long ParserCalls { get; private set; }

    public long Refusals { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public TimeSpan SlowestCall { get; private set; }

    public List<string> Failures { get; } = [];

    /// <summary>Runs <paramref name="documents"/> mutated documents through every parser.</summary>
    public static FuzzRun Execute(int seed, long documents, TimeSpan slowCallLimit)
    {
        var run = new FuzzRun();
        var mutator = new Mutator(seed);
        var random = new Random(seed ^ 0x5F3759DF);
        var seeds = FuzzTargets.Seeds;
        var total = Stopwatch.StartNew();
        var call = new Stopwatch();
        for (long n = 0; n < documents; n++)
        {
            // One in twenty inputs is a seed as is, so valid documents are exercised against every parser too.
            var input = n % 20 == 0 ? seeds[(int)(n / 20 % seeds.Count)] : mutator.Mutate(seeds[random.Next(seeds.Count)]);
            var status = Statuses[random.Next(Statuses.Length)];
            foreach (var target in FuzzTargets.All)
            {
                call.Restart();
                try
                {
                    target.Parse(input, status);
                }
                catch (Exception e) when (target.Refusal is not null && target.Refusal.IsInstanceOfType(e))
                {
                    run.Refusals++;
                }
                catch (Exception e)
                {
                    run.Fail(target, input, status, e.GetType().Name + ": " + e.Message);
                }

                call.Stop();
                run.ParserCalls++;
                if (call.Elapsed > run.SlowestCall)
                {
                    run.SlowestCall = call.Elapsed;
                }

                if (call.Elapsed > slowCallLimit)
                {
                    run.Fail(target, input, status, $"took {call.Elapsed.TotalMilliseconds:0} ms");
                }
            }

            run.Documents++;
            if (run.Failures.Count >= 20)
            {
                break;
            }
        }

        run.Elapsed = total.Elapsed;
        return run;
    }

    public string Summary(int seed) =>
        $"seed {seed}: {Documents} documents, {ParserCalls} parser calls ({Refusals} typed refusals), {Elapsed.TotalSeconds:0.0} s, slowest call {SlowestCall.TotalMilliseconds:0.0} ms, failures: {Failures.Count}";

    private void Fail(FuzzTargets.Target target, byte[] input, HttpStatusCode status, string what) =>
        Failures.Add($"{target.Name} (HTTP {(int)status}) on base64 {Convert.ToBase64String(input.Length > 2048 ? input[..2048] : input)}: {what}");
}

using System.Diagnostics;
using System.Net;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>
/// Debian's nginx in front of hosts on loopback, run from the very configuration the compose file ships
/// (<c>docker/nginx.conf</c>), its upstream names replaced by the hosts' addresses. Each answer says which host
/// served it (<c>X-Upstream</c>, added here only).
/// </summary>
public sealed class ReverseProxy : IAsyncDisposable
{
    private const string Nginx = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _folder;

    private ReverseProxy(Process process, string folder, string url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public string Url { get; }

    public static async Task<ReverseProxy> StartAsync(params string[] hostUrls)
    {
        if (!File.Exists(Nginx)) throw new InvalidOperationException($"{Nginx} is missing: run `bash tests/run-all.sh` (it installs nginx).");
        var folder = Directory.CreateTempSubdirectory("rqiiac-nginx-").FullName;
        var port = Ports.Free();
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "docker", "nginx.conf"));
        var site = shipped
            .Replace("listen 80;", $"listen 127.0.0.1:{port};\n    add_header X-Upstream $upstream_addr always;", StringComparison.Ordinal);
        for (var i = 0; i < hostUrls.Length; i++)
            site = site.Replace($"portal-{i + 1}:8080", new Uri(hostUrls[i]).Authority, StringComparison.Ordinal);
        var root = Environment.UserName == "root";
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            {{(root ? "user root;" : "")}}
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
            {{site}}
            }
            """);
        var start = new ProcessStartInfo(Nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf") }) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var proxy = new ReverseProxy(process, folder, $"http://127.0.0.1:{port}");

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx stopped: {await process.StandardError.ReadToEndAsync()} {proxy.ErrorLog}");
            try
            {
                if ((await http.GetAsync($"{proxy.Url}/health/live")).StatusCode == HttpStatusCode.OK) return proxy;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"nginx did not answer at {proxy.Url}: {proxy.ErrorLog}");
    }

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

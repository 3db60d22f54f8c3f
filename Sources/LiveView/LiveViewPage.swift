import Form

/// The live page: the cue in letters readable from three metres (a tenth of the window's
/// width), the camera image with the skeleton, the target pose, reps, the hold timer and the
/// score; kept current by server-sent events (polling `/state.json` if those fail).
enum LiveViewPage {
    static func html(_ template: ExerciseTemplate) -> String {
        let name = escape(template.name)
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>formcheck live: \(name)</title>
        <style>
        :root { --good: #1f9d55; --fault: #d64545; --unseen: #c98a00; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #111; color: #f4f4f4; font-family: system-ui, "DejaVu Sans", sans-serif; }
        #band { background: #444; padding: 1.2vh 2vw; }
        body.good #band { background: var(--good); }
        body.fault #band { background: var(--fault); }
        body.unseen #band, body.position #band { background: var(--unseen); }
        body.stopped #band { background: #8b0000; }
        #headline { font-size: clamp(56px, 9vw, 220px); font-weight: 800; line-height: 1.05; text-transform: uppercase; letter-spacing: .02em; }
        #cue { font-size: clamp(22px, 2.6vw, 64px); font-weight: 600; min-height: 1.3em; }
        main { display: grid; grid-template-columns: 3fr 2fr; gap: 1.5vw; padding: 1.5vh 2vw; }
        figure { margin: 0; }
        figure img { width: 100%; background: #222; border-radius: 6px; display: block; aspect-ratio: 4 / 3; object-fit: contain; }
        figcaption { color: #bbb; font-size: clamp(14px, 1.4vw, 28px); margin-top: .3em; }
        #stats { display: flex; gap: 3vw; padding: 0 2vw 1vh; flex-wrap: wrap; }
        .stat { font-size: clamp(18px, 1.6vw, 36px); color: #bbb; text-transform: uppercase; }
        .stat b { display: block; font-size: clamp(44px, 6vw, 150px); color: #fff; line-height: 1; text-transform: none; }
        #meta { color: #999; padding: 0 2vw 1vh; font-size: clamp(12px, 1.1vw, 22px); }
        </style>
        </head>
        <body class="waiting">
        <div id="band"><div id="headline">Starting</div><div id="cue">\(name)</div></div>
        <div id="stats">
        <div class="stat" id="repsBox">Reps<b id="reps">0</b></div>
        <div class="stat" id="holdBox">Hold<b id="hold">0.0 s</b></div>
        <div class="stat" id="sideBox">Side<b id="side">–</b></div>
        <div class="stat">Score<b id="score">–</b></div>
        </div>
        <main>
        <figure><img id="frame" alt="The camera with the skeleton" src="/frame.jpg"><figcaption>You — failing segments in red</figcaption></figure>
        <figure><img id="figure" alt="The target pose" src="/figure.jpg"><figcaption>Target: \(name)</figcaption></figure>
        </main>
        <div id="meta">formcheck live · <span id="timing"></span> <span id="notice"></span></div>
        <script>
        const $ = (id) => document.getElementById(id);
        let shownFrame = -1, loading = false, wantFrame = -1;
        const frame = $("frame");
        frame.onload = frame.onerror = () => { loading = false; if (wantFrame !== shownFrame) loadFrame(); };
        function loadFrame() { if (loading) return; loading = true; shownFrame = wantFrame; frame.src = "/frame.jpg?f=" + wantFrame; }
        const figure = $("figure");
        figure.onerror = () => setTimeout(() => { figure.src = "/figure.jpg?t=" + Date.now(); }, 1000);
        function show(s) {
          document.body.className = s.stopped ? "stopped" : (s.verdict === "fault" && s.cue && s.cue.startsWith("Get into position")) ? "position" : (s.verdict || "waiting");
          $("headline").textContent = s.headline;
          $("cue").textContent = s.stopped || s.cue || "";
          $("reps").textContent = s.reps + (s.prescribedReps ? " / " + s.prescribedReps : "") + (s.repsLeft != null ? "  (L " + s.repsLeft + ", R " + s.repsRight + ")" : "");
          $("repsBox").style.display = s.countsReps ? "" : "none";
          $("holdBox").style.display = s.holdSeconds == null ? "none" : "";
          if (s.holdSeconds != null) $("hold").textContent = s.holdSeconds.toFixed(1) + " s" + (s.holdTarget ? " / " + s.holdTarget + " s" : "");
          $("sideBox").style.display = s.side == null ? "none" : "";
          $("side").textContent = s.side || "–";
          $("score").textContent = s.score == null ? "–" : s.score;
          $("timing").textContent = s.framesPerSecond.toFixed(1) + " fps" + (s.latencyMilliseconds != null ? " · latency " + s.latencyMilliseconds + " ms" : "") + " · frame " + s.frame;
          $("notice").textContent = s.over ? "· session over" : (s.notice || "");
          if (s.frame !== wantFrame) { wantFrame = s.frame; loadFrame(); }
        }
        function poll() {
          fetch("/state.json").then((r) => r.json()).then((s) => { show(s); if (!s.over) setTimeout(poll, 200); })
            .catch(() => setTimeout(poll, 1000));
        }
        if (window.EventSource) {
          const events = new EventSource("/events");
          events.onmessage = (e) => { const s = JSON.parse(e.data); show(s); if (s.over) events.close(); };
          events.onerror = () => { if (events.readyState === 2) poll(); };
        } else { poll(); }
        </script>
        </body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

"""`tutor serve`: the tutor for web browsers — the HTML pages (`tutor.web`) at `/` and the Textual app at
`/terminal` (textual-serve, one app process per browser tab), on one aiohttp server.

`tutor.serve.trusted` has no outside dependencies (the app imports it); `tutor.serve.server` needs the
optional `serve` extra (`pip install 'tutor[serve]'`: textual-serve, aiohttp, aiohttp-jinja2, Jinja2).
"""

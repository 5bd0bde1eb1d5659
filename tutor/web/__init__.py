"""The HTML front end: server-rendered pages for staff who train in a web browser.

Every page is a Jinja2 template with autoescape, served by aiohttp (the same server that `tutor serve` runs
for the terminal app at `/terminal`), and every page works without JavaScript. The pages call the service
layer exactly as the Textual screens do; nothing here opens the records directly.

- `tutor.web.sessions`: signed session cookies and CSRF tokens, kept in this server's memory;
- `tutor.web.security`: the allowed Host names and the security headers;
- `tutor.web.render`: lesson text and policy quotes as safe HTML;
- `tutor.web.learner` and `tutor.web.trainer`: the pages;
- `tutor.web.app`: builds the aiohttp application.

Needs the `serve` extra (aiohttp, aiohttp-jinja2).
"""

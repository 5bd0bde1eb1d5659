"""`tutor serve`: the same app for web browsers, one app process per browser tab (textual-serve).

`tutor.serve.trusted` has no outside dependencies (the app imports it); `tutor.serve.server` needs the
optional `textual-serve` package (`pip install 'tutor[serve]'`).
"""

"""UI layer: the Textual app, its screens and widgets. Styles live in `tutor.tcss`."""

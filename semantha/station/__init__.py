"""The review station (``semantha serve``): people decide, in the browser, what Semantha
was unsure of. Between the command line and the service: only ``semantha.cli`` imports it."""

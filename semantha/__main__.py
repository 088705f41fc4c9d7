from semantha.cli import main

raise SystemExit(main())

from declic.cli import main

raise SystemExit(main())

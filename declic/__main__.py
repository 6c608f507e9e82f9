from declic.cli import main

if __name__ == "__main__":  # not again in a worker process started by "spawn" (Windows)
    raise SystemExit(main())

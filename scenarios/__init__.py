"""The scenarios shipped with Déclic (YAML + walkthroughs); a package only so they install."""

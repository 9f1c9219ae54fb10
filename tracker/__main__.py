import sys

from tracker.quick import main

sys.exit(main())

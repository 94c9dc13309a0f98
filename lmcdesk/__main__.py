import sys

from lmcdesk.cli import main

sys.exit(main())

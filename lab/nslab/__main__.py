# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``python -m nslab serve ...``"""
from __future__ import annotations

import sys

from .cli import main

sys.exit(main())

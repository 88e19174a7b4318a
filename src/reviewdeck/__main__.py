from reviewdeck.cli import run

run()

from reviewdeck.cli import main

main()

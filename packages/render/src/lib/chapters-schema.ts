/**
 * JSON Schema of the Podcasting 2.0 JSON chapters format (version 1.2.0), as
 * the podcast namespace's chapters document describes it.
 */
export const chaptersSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['version', 'chapters'],
  properties: {
    version: {type: 'string', pattern: '^1\\.\\d+\\.\\d+$'},
    author: {type: 'string'},
    title: {type: 'string'},
    podcastName: {type: 'string'},
    description: {type: 'string'},
    fileName: {type: 'string'},
    waypoints: {type: 'boolean'},
    chapters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['startTime'],
        properties: {
          startTime: {type: 'number', minimum: 0},
          endTime: {type: 'number', minimum: 0},
          title: {type: 'string'},
          img: {type: 'string'},
          url: {type: 'string'},
          toc: {type: 'boolean'},
          location: {type: 'object', required: ['name', 'geo'], properties: {name: {type: 'string'}, geo: {type: 'string'}, osm: {type: 'string'}}}
        }
      }
    }
  }
} as const
